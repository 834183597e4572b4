// Files as legsup opens them: refused at once when they are not regular files, private whatever
// the umask, closed on every path.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <fstream>

#include "legsup/base/files.hpp"
#include "temp_folder.hpp"

using namespace legsup;

namespace {

bool is_open(int fd) {
  return ::fcntl(fd, F_GETFD) >= 0;
}

// Sets the umask for one test and gives the old one back.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(::umask(mask)) {}
  ~Umask() { ::umask(old_); }
  Umask(const Umask&) = delete;
  Umask& operator=(const Umask&) = delete;

 private:
  mode_t old_;
};

}  // namespace

TEST_CASE("a file descriptor is closed when its owner goes, and moves without closing") {
  int raw = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  REQUIRE(raw >= 0);
  {
    FileDescriptor first(raw);
    FileDescriptor second = std::move(first);
    CHECK_FALSE(first.valid());
    CHECK(second.get() == raw);
    CHECK(is_open(raw));
  }
  CHECK_FALSE(is_open(raw));
}

TEST_CASE("what is not a regular file is refused at once, saying what it is") {
  TempFolder folder;
  REQUIRE(::mkfifo(folder.file("fifo").c_str(), 0600) == 0);
  REQUIRE(::mkdir(folder.file("folder").c_str(), 0700) == 0);
  REQUIRE(::symlink("loop-b", folder.file("loop-a").c_str()) == 0);
  REQUIRE(::symlink("loop-a", folder.file("loop-b").c_str()) == 0);
  REQUIRE(::symlink("fifo", folder.file("link-to-fifo").c_str()) == 0);
  FileDescriptor socket_fd(::socket(AF_UNIX, SOCK_STREAM, 0));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::string socket_path = folder.file("socket");
  REQUIRE(socket_path.size() < sizeof address.sun_path);
  std::strcpy(address.sun_path, socket_path.c_str());
  REQUIRE(::bind(socket_fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);

  // A FIFO without a writer would block an ordinary open for ever: this returns.
  for (int flags : {O_RDONLY, O_RDWR | O_APPEND, O_WRONLY}) {
    CAPTURE(flags);
    OpenedFile fifo = open_regular_file(folder.file("fifo"), flags);
    CHECK_FALSE(fifo);
    CHECK(fifo.reason == "it is a FIFO, not a regular file");
    CHECK(open_regular_file(folder.file("link-to-fifo"), flags).reason ==
          "it is a FIFO, not a regular file");
    CHECK(open_regular_file(folder.file("folder"), flags).reason ==
          "it is a folder, not a regular file");
    CHECK(open_regular_file(socket_path, flags).reason == "it is a socket, not a regular file");
    CHECK(open_regular_file("/dev/null", flags).reason ==
          "it is a character device, not a regular file");
    OpenedFile loop = open_regular_file(folder.file("loop-a"), flags);
    CHECK_FALSE(loop);
    CHECK(loop.error == ELOOP);
    CHECK_FALSE(loop.missing());
  }
  OpenedFile absent = open_regular_file(folder.file("absent"), O_RDONLY);
  CHECK(absent.missing());

  std::ofstream(folder.file("plain")) << "text";
  OpenedFile plain = open_regular_file(folder.file("plain"), O_RDONLY);
  REQUIRE(plain);
  // Reads wait as usual: the descriptor is not left non-blocking.
  CHECK((::fcntl(plain.fd.get(), F_GETFL) & O_NONBLOCK) == 0);
}

TEST_CASE("a small file that may be absent: absent is none, anything unreadable is an error") {
  TempFolder folder;
  auto absent = read_small_file_if_present(folder.file("absent.json"));
  REQUIRE(absent.ok());
  CHECK_FALSE(absent->has_value());
  std::ofstream(folder.file("there.json")) << "{}";
  auto there = read_small_file_if_present(folder.file("there.json"));
  REQUIRE(there.ok());
  CHECK(**there == "{}");
  REQUIRE(::mkfifo(folder.file("fifo.json").c_str(), 0600) == 0);
  auto fifo = read_small_file_if_present(folder.file("fifo.json"));
  REQUIRE_FALSE(fifo.ok());
  CHECK(fifo.error() ==
        "cannot read " + folder.file("fifo.json") + ": it is a FIFO, not a regular file");
  // Under a file, not a folder: something is wrong with the path, not simply absent.
  auto under_file = read_small_file_if_present(folder.file("there.json/config.json"));
  REQUIRE_FALSE(under_file.ok());
  CHECK(under_file.error().find("Not a directory") != std::string::npos);
}

TEST_CASE("files and folders legsup creates are private, whatever the umask") {
  TempFolder folder;
  Umask open_to_all(0);
  std::vector<std::string> made;
  std::string deep = folder.file("a/b/c");
  REQUIRE_FALSE(make_private_folders(deep, made));
  CHECK(made == std::vector<std::string>{folder.file("a"), folder.file("a/b"), deep});
  for (const auto& path : made)
    CHECK(mode_of(path) == 0700);
  // Folders already there are neither changed nor counted.
  made.clear();
  REQUIRE_FALSE(make_private_folders(deep + "/d", made));
  CHECK(made == std::vector<std::string>{deep + "/d"});

  OpenedFile created = create_private_file(deep + "/mark", O_WRONLY);
  REQUIRE(created);
  CHECK(mode_of(deep + "/mark") == 0600);
  OpenedFile again = create_private_file(deep + "/mark", O_WRONLY);
  CHECK_FALSE(again);
  CHECK(again.error == EEXIST);
}

TEST_CASE("a folder that cannot be made is named, and those made before it are listed") {
  TempFolder folder;
  std::vector<std::string> made;
  std::string too_long(300, 'x');
  auto failure = make_private_folders(folder.file("new/" + too_long), made);
  REQUIRE(failure);
  CHECK(failure->folder == folder.file("new/" + too_long));
  CHECK(failure->reason == std::strerror(ENAMETOOLONG));
  CHECK(made == std::vector<std::string>{folder.file("new")});
}

TEST_CASE("write_all writes everything and says what stopped it") {
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  FileDescriptor read_end(ends[0]);
  FileDescriptor write_end(ends[1]);
  std::size_t landed = 0;
  CHECK(write_all(write_end.get(), "twelve bytes", &landed) == 0);
  CHECK(landed == 12);
  read_end.reset();
  std::signal(SIGPIPE, SIG_IGN);
  CHECK(write_all(write_end.get(), "more", &landed) == EPIPE);
  CHECK(landed == 0);
  std::signal(SIGPIPE, SIG_DFL);
  CHECK(write_all(-1, "x") == EBADF);
}
