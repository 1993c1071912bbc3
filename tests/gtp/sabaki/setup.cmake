# The setup of the Sabaki end-to-end test (cmake -P): copies package.json,
# package-lock.json and sabaki_e2e.js to WORK_DIR, installs exactly the
# locked @sabaki/gtp there with `npm ci`, and makes a tiny model with TENGEN.
foreach(variable SOURCE_DIR WORK_DIR TENGEN)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "setup.cmake needs -D${variable}=...")
  endif()
endforeach()

find_program(NODE node)
find_program(NPM npm)
set(missing "")
if(NOT NODE)
  list(APPEND missing node)
endif()
if(NOT NPM)
  list(APPEND missing npm)
endif()
if(missing)
  list(JOIN missing " and " missing)
  message(FATAL_ERROR
    "The Sabaki end-to-end test needs Node.js and npm; not found: ${missing}. "
    "Install Debian's nodejs and npm packages: run scripts/install-deps.sh as root.")
endif()

file(MAKE_DIRECTORY ${WORK_DIR})
file(COPY ${SOURCE_DIR}/package.json ${SOURCE_DIR}/package-lock.json ${SOURCE_DIR}/sabaki_e2e.js
     DESTINATION ${WORK_DIR})
execute_process(
  COMMAND ${NPM} ci --no-audit --no-fund --no-update-notifier --ignore-scripts
  WORKING_DIRECTORY ${WORK_DIR}
  RESULT_VARIABLE npm_result)
if(NOT npm_result EQUAL 0)
  message(FATAL_ERROR "npm ci in ${WORK_DIR} failed (${npm_result}): it installs @sabaki/gtp "
                      "from the npm registry, so the registry must be reachable")
endif()

execute_process(
  COMMAND ${TENGEN} model init --blocks 1 --channels 8 --seed 1 --force --out ${WORK_DIR}/model.tgm
  RESULT_VARIABLE init_result)
if(NOT init_result EQUAL 0)
  message(FATAL_ERROR "tengen model init failed (${init_result})")
endif()
