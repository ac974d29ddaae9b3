# Run at install time (cmake --install, and cpack): writes the systemd unit for the prefix the
# programs are installed to, the sysusers entry and /etc/default/optout-server. The system
# configuration folder follows GNUInstallDirs: /etc for the /usr prefix, PREFIX/etc otherwise.
# Expects OPTOUT_PACKAGING_DIR (this folder) and OPTOUT_BINARY_DIR.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(SYSCONFDIR "/etc")
else()
  set(SYSCONFDIR "${CMAKE_INSTALL_PREFIX}/etc")
endif()
set(BINDIR "${CMAKE_INSTALL_PREFIX}/bin")
set(DOCDIR "${CMAKE_INSTALL_PREFIX}/share/doc/optout-server")
configure_file("${OPTOUT_PACKAGING_DIR}/optout-server.service.in"
               "${OPTOUT_BINARY_DIR}/optout-server.service" @ONLY)
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system" TYPE FILE
     FILES "${OPTOUT_BINARY_DIR}/optout-server.service")
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/sysusers.d" TYPE FILE
     RENAME optout-server.conf FILES "${OPTOUT_PACKAGING_DIR}/optout-server.sysusers")
file(INSTALL DESTINATION "${SYSCONFDIR}/default" TYPE FILE
     RENAME optout-server FILES "${OPTOUT_PACKAGING_DIR}/optout-server.default")
