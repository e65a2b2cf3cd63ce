#include "jixiao/extract/sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>

namespace jixiao::extract {

std::string sha256_digest(std::string_view bytes) {
  // OpenSSL would read the system's openssl.cnf on its first call (a file
  // open and parse in every run); a hash needs none of it. Idempotent.
  OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest.data()), size);
}

std::string sha256_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::string digest = sha256_digest(bytes);
  std::string out;
  out.reserve(digest.size() * 2);
  for (const char c : digest) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0xF]);
  }
  return out;
}

}  // namespace jixiao::extract
