# Tests of the GTP client, against GNU Go and the fake engines in
# fake_engines/. Included from tests/gtp/CMakeLists.txt; paths are relative
# to this file.
include(GoogleTest)
add_executable(tengen_gtp_client_tests
  ${CMAKE_CURRENT_LIST_DIR}/client_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/client_command_line_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/client_gnugo_scoring_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/client_subprocess_test.cc
)
target_link_libraries(tengen_gtp_client_tests PRIVATE tengen_gtp_client GTest::gmock GTest::gtest_main)
target_compile_definitions(tengen_gtp_client_tests PRIVATE
  TENGEN_FAKE_ENGINE_DIR="${CMAKE_CURRENT_LIST_DIR}/fake_engines"
  TENGEN_GNUGO="/usr/games/gnugo")
gtest_discover_tests(tengen_gtp_client_tests DISCOVERY_TIMEOUT 60)
