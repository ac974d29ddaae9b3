# Installs the tests' OpenID provider (node-oidc-provider, an exact version) into DIR with npm
# when it is not there yet: cmake -DNPM=... -DDIR=... -DVERSION=... -P install-node-tools.cmake
set(marker "${DIR}/node_modules/oidc-provider/package.json")
if(EXISTS "${marker}")
  file(READ "${marker}" manifest)
  string(JSON installed ERROR_VARIABLE jsonError GET "${manifest}" version)
  if(installed STREQUAL VERSION)
    return()
  endif()
endif()
if(NOT NPM)
  message(FATAL_ERROR "npm is needed for the OpenID provider of the tests: scripts/ensure-deps.sh "
                      "installs Debian's nodejs and npm.")
endif()
message(STATUS "Installing oidc-provider@${VERSION} into ${DIR}")
execute_process(COMMAND "${NPM}" install --prefix "${DIR}" --no-audit --no-fund --no-save
                        "oidc-provider@${VERSION}"
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm install oidc-provider@${VERSION} failed (${result}).")
endif()
