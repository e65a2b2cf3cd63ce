#pragma once
// Amounts of money and counts of things in running text: "预算数 47213.5 万元",
// "人民币壹仟贰佰叁拾肆万伍仟元整", "8.65万人", "300余人次", "65—74岁".
//
// scan_quantities() reads a line that has been through normalize_line() (ASCII
// digits, no stray spaces) and finds every quantity with a money or count
// unit, its exact value in base units (yuan, persons…), how exact the report
// says it is (约, 余, 不低于…), and the label the sentence gives it. Years,
// document numbers, dates, ordinals and set phrases (一次性, 一人不漏, 十三五)
// are not quantities: their "units" are not in the unit table, or a rule of
// the misreading table excludes them.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/text/decimal.h"

namespace jixiao::text {

// How exactly a quantity is stated.
enum class Qualifier {
  kExact,        // 158 万元
  kApproximate,  // 约160万元, 近2000名, 300余人次, 500左右
  kAtLeast,      // 不低于31.8元, 90%以上, 超过1500万元
  kAtMost,       // 不超过, 低于, 以下
};

// Stable name of a qualifier: "exact", "approximate", "at-least", "at-most".
std::string_view qualifier_name(Qualifier q);

struct Quantity {
  enum class Kind { kMoney, kCount };
  Kind kind = Kind::kMoney;
  Decimal value;                      // the number as printed, in `unit` ("47213.5" for 47213.5万元)
  std::string unit;                   // as printed: "万元", "元", "人次", "万人", "周岁"
  std::string base_unit;              // "元" for money; the count noun for counts ("人", "人次", "岁")
  int exponent = 0;                   // power of ten of the unit: normalized = value x 10^exponent (万元: 4)
  Decimal normalized;                 // in base units: 472135000 (元), 86500 (人)
  std::optional<Decimal> range_upper; // "55-59周岁": 59 (in base units); value is the lower end
  Qualifier qualifier = Qualifier::kExact;
  std::string qualifier_text;         // the words that say so: "约", "余", "不低于", "以上"
  std::string label;                  // what the sentence says it is: "工资福利支出", "全年预算数"
  bool in_words = false;              // written in Chinese numerals (三百四十五万元, 壹仟…元整)
  std::size_t begin = 0, end = 0;     // byte range in the scanned line (qualifiers included)
};

std::vector<Quantity> scan_quantities(std::string_view line);

// "12345000 元", "86500 人": the normalized value and its base unit, as `jixiao amount` prints it.
std::string describe_normalized(const Quantity& q);

}  // namespace jixiao::text
