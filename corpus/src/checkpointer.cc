// WAL checkpoints off the writer's path (checkpointer.h). The writer's commit
// hook (sqlite3_wal_hook, which replaces SQLite's checkpoint-on-commit) sets a
// flag and wakes the thread; the thread runs one PASSIVE checkpoint on its own
// connection per wake-up, and again while it has not caught up. PASSIVE copies what no reader still needs and waits
// for nobody, so the writer's next commit is never held up by it; the WAL
// file starts over once a checkpoint has caught up. A writer far ahead of the
// thread (the WAL past kSelfPages) checkpoints in its own commit, as before.
#include "checkpointer.h"

namespace jixiao::corpus::store_internal {

std::unique_ptr<Checkpointer> Checkpointer::start(const std::string& path, sqlite3* writer) {
  sqlite3* own = nullptr;
  if (sqlite3_open_v2(path.c_str(), &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(own);
    return nullptr;
  }
  sqlite3_busy_timeout(own, 0);  // PASSIVE: what is busy is left for the next time
  // A connection learns that the file is in WAL mode on its first read;
  // until then a checkpoint is a no-op.
  if (sqlite3_exec(own, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(own);
    return nullptr;
  }
  return std::unique_ptr<Checkpointer>(new Checkpointer(own, writer));
}

Checkpointer::Checkpointer(sqlite3* own, sqlite3* writer) : own_(own), writer_(writer), thread_([this] { run(); }) {
  // A thread's start-up (its stack, its thread-local storage, a sanitizer's
  // bookkeeping) takes locks of the runtime's; no fork until it is past that.
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return started_; });
  lock.unlock();
  sqlite3_wal_hook(writer_, &Checkpointer::on_commit, this);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_autocheckpoint(writer_, kAskPages);  // the writer's commits checkpoint again
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close_v2(own_);
}

int Checkpointer::on_commit(void* self, sqlite3* db, const char* schema, int pages) {
  auto* c = static_cast<Checkpointer*>(self);
  if (pages >= kSelfPages) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (pages >= kAskPages) {
    {
      std::lock_guard lock(c->mutex_);
      c->wanted_ = true;
    }
    c->wake_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  started_ = true;
  wake_.notify_all();
  int last_copied = -1;
  while (true) {
    wake_.wait(lock, [this] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    int log = 0, copied = 0, rc = SQLITE_OK;
    {
      std::lock_guard working(working_);
      rc = sqlite3_wal_checkpoint_v2(own_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    }
    lock.lock();
    // The writer committed more meanwhile: go on until caught up (copying is
    // quicker than writing), so that the WAL can start over. Not when nothing
    // more could be copied: a reader's snapshot holds the rest back, and only
    // its end (or the next commit) changes that.
    if (rc == SQLITE_OK && copied < log && copied != last_copied) wanted_ = true;
    last_copied = copied;
  }
}

}  // namespace jixiao::corpus::store_internal
