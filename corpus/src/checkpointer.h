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
// while it runs get no copy of it and never use SQLite.

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

 private:
  Checkpointer(sqlite3* own, sqlite3* writer);
  static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
  void run();

  sqlite3* own_;
  sqlite3* writer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false, stopping_ = false;
  std::thread thread_;  // last: started once everything above is set
};

}  // namespace jixiao::corpus::store_internal
