# The setup of the Kubernetes manifest tests (cmake -P): copies
# package.json, package-lock.json and validate.mjs of deploy/k8s/validate
# (SOURCE_DIR) to WORK_DIR and installs exactly the locked kubernetes-models
# and yaml there with `npm ci`.
foreach(variable SOURCE_DIR WORK_DIR)
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
    "The Kubernetes manifest validator needs Node.js and npm; not found: ${missing}. "
    "Install Debian's nodejs and npm packages: run scripts/install-deps.sh as root.")
endif()

file(MAKE_DIRECTORY ${WORK_DIR})
file(COPY ${SOURCE_DIR}/package.json ${SOURCE_DIR}/package-lock.json ${SOURCE_DIR}/validate.mjs
     DESTINATION ${WORK_DIR})
execute_process(
  COMMAND ${NPM} ci --no-audit --no-fund --no-update-notifier --ignore-scripts
  WORKING_DIRECTORY ${WORK_DIR}
  RESULT_VARIABLE npm_result)
if(NOT npm_result EQUAL 0)
  message(FATAL_ERROR "npm ci in ${WORK_DIR} failed (${npm_result}): it installs kubernetes-models "
                      "and yaml from the npm registry, so the registry must be reachable")
endif()
