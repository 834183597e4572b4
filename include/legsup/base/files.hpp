// Files as legsup opens them: one descriptor that closes itself, one way to open what must be a
// regular file (at once, whatever is there), folders and files private to the user whatever the
// umask, and whole small files read with errors that name the file.
#pragma once

#include <cerrno>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/error.hpp"

namespace legsup {

// A file descriptor, closed when its owner goes, on every path out of a function.
class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.release()) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Gives the descriptor up without closing it.
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  // Closes the descriptor held, if any, and holds `fd` instead.
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// What opening a file gave: the descriptor, or why there is none.
struct OpenedFile {
  FileDescriptor fd;
  int error = 0;       // errno when there is no descriptor: ENOENT when nothing is there
  std::string reason;  // why, in words: "it is a FIFO, not a regular file", "Permission denied"
  explicit operator bool() const { return fd.valid(); }
  bool missing() const { return !fd.valid() && error == ENOENT; }
};

// Opens a path that must be a regular file, with `flags` (O_RDONLY, O_RDWR | O_APPEND...). It
// returns at once whatever the path is: opened without waiting (O_NONBLOCK: a FIFO does not wait
// for a writer), then checked on the open descriptor (fstat, so nothing can change between a
// look and the open). A FIFO, a folder, a socket, a device, a loop of symbolic links are refused
// with the reason; a symbolic link to a regular file is followed.
OpenedFile open_regular_file(const std::string& path, int flags);

// Creates `path`, which must not exist (EEXIST otherwise), as a regular file private to the user
// (0600 whatever the umask), opened with `flags`.
OpenedFile create_private_file(const std::string& path, int flags);

// mkdir -p: makes each missing folder of `folder`, itself included, private to the user (0700
// whatever the umask), and adds each one it made to `made`, in order, so that a caller can take
// them back. On failure: the folder that could not be made, and why.
struct FolderFailure {
  std::string folder;
  std::string reason;
};
std::optional<FolderFailure> make_private_folders(const std::string& folder,
                                                  std::vector<std::string>& made);

// Writes all of `text`, retrying short and interrupted writes: 0, or the error (errno) that
// stopped it, with how much had landed in `landed`.
int write_all(int fd, std::string_view text, std::size_t* landed = nullptr);

// A content or config file is small: anything larger is refused rather than read into memory.
inline constexpr std::size_t kMaxSmallFileBytes = 4 * 1024 * 1024;

// The whole file, or a message such as "cannot read x.json: No such file or directory". Opened
// as open_regular_file opens.
Parsed<std::string> read_small_file(const std::string& path,
                                    std::size_t max_bytes = kMaxSmallFileBytes);

// Whether a small file is there: its contents, none when nothing is at the path, or a message
// naming the path when something is there that cannot be read (a FIFO, a folder that cannot be
// searched, a loop of symbolic links): a file that may be absent, but is never silently ignored.
Parsed<std::optional<std::string>> read_small_file_if_present(
    const std::string& path, std::size_t max_bytes = kMaxSmallFileBytes);

}  // namespace legsup
