# The GTP client (gtp_client.h) and what it stands on: the shell-like command
# line splitter and the child process with deadlines. Torch-free. Included
# from gtp/CMakeLists.txt; paths are relative to this file, so a scratch
# project can include it too.
find_package(Threads REQUIRED)
add_library(tengen_gtp_client STATIC
  ${CMAKE_CURRENT_LIST_DIR}/command_line.cc
  ${CMAKE_CURRENT_LIST_DIR}/tail_buffer.cc
  ${CMAKE_CURRENT_LIST_DIR}/subprocess.cc
  ${CMAKE_CURRENT_LIST_DIR}/gtp_client.cc
)
target_link_libraries(tengen_gtp_client PUBLIC
  tengen_engine absl::status absl::statusor fmt::fmt Threads::Threads)
