#pragma once
// Internal to corpus/: WAL checkpoints in a thread of their own, beside the
// connection that writes.
//
// SQLite checkpoints a WAL database on the commit that takes the WAL past a
// thousand pages, in the writer's own call: the writer copies the pages into
// the database file and syncs it, 30 to 50 ms on a dataset of reports' records,
// and every worker that finishes meanwhile waits for it. Here the writer's
// commits only ask; a second connection, in a thread, runs PASSIVE checkpoints
// (which never block the writer) while the writer goes on. Should the
// checkpoints fall far behind, the writer checkpoints itself, as SQLite would,
// so the WAL stays bounded.
//
// The thread never touches the writer's connection. Worker processes forked
// while it runs get no copy of it and never use SQLite; but a fork copies
// every lock as it stands, and a lock the thread held at that moment (one of
// malloc's, in an allocator without fork handlers such as AddressSanitizer's
// in GCC 12) would be held forever in the child. So a fork waits for the
// thread to stand still (hold_still()), and start() returns only once the
// thread is past its own start-up.

#include <sqlite3.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace jixiao::corpus::store_internal {

class Checkpointer {
 public:
  // Checkpoints for `writer`, a connection to the WAL database at `path`;
  // nullptr when a second connection cannot be opened (SQLite's own
  // checkpoints on commit then stay as they are).
  static std::unique_ptr<Checkpointer> start(const std::string& path, sqlite3* writer);
  // Stops the thread (after the checkpoint it is running, if any) and hands
  // checkpoints back to the writer's commits.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // WAL pages past which a commit asks for a checkpoint (SQLite's default),
  // and past which the writer checkpoints itself.
  static constexpr int kAskPages = 1000;
  static constexpr int kSelfPages = 16 * kAskPages;

  // While the returned lock lives the thread is idle: waiting to be asked,
  // or about to run a checkpoint it has not begun. Nothing it holds then is
  // a lock anyone else could need.
  std::unique_lock<std::mutex> hold_still() { return std::unique_lock(working_); }

 private:
  Checkpointer(sqlite3* own, sqlite3* writer);
  static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
  void run();

  sqlite3* own_;
  sqlite3* writer_;
  std::mutex mutex_;  // guards the flags below; never held while checkpointing
  std::condition_variable wake_;
  bool wanted_ = false, stopping_ = false, started_ = false;
  std::mutex working_;  // held by the thread while it checkpoints
  std::thread thread_;  // last: started once everything above is set
};

}  // namespace jixiao::corpus::store_internal
