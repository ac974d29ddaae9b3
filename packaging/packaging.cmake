# Installing both programs in their FHS places, and the optout-admin and optout-server .deb
# packages (cpack in the build folder). Included by the top-level CMakeLists.txt.
include(GNUInstallDirs)
# cpack (and its test) packages what `cmake --build` made, rather than building all first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

# optout-server: the program, its documentation, the systemd unit, its system user and
# /etc/default/optout-server (written by install-server-files.cmake for the install prefix).
install(TARGETS optout-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
install(FILES ${PROJECT_SOURCE_DIR}/docs/api.md ${PROJECT_SOURCE_DIR}/docs/openapi.yaml
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/optout-server COMPONENT server)
install(CODE "set(OPTOUT_PACKAGING_DIR \"${CMAKE_CURRENT_LIST_DIR}\")
set(OPTOUT_BINARY_DIR \"${CMAKE_BINARY_DIR}/packaging\")
include(\"${CMAKE_CURRENT_LIST_DIR}/install-server-files.cmake\")"
        COMPONENT server)

# optout-admin: the program, its .desktop file, icons and AppStream metadata.
if(TARGET optout-admin)
  install(TARGETS optout-admin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT admin)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/optout-admin.desktop
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications COMPONENT admin)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/org.optout.Admin.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo COMPONENT admin)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/optout-admin.svg
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps COMPONENT admin)
  foreach(size 16 32 64)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/png/optout-admin-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${size}x${size}/apps
            RENAME optout-admin.png COMPONENT admin)
  endforeach()
endif()

# The .deb packages: one per component, dependencies from dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME optout)
set(CPACK_PACKAGE_VENDOR "The optout project")
set(CPACK_PACKAGE_CONTACT "optout maintainers <optout@example.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Installed below DESTDIR with the prefix /usr, so the install code above sees the real prefix.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server)
if(TARGET optout-admin)
  list(APPEND CPACK_COMPONENTS_ALL admin)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME optout-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
# The service's user comes from systemd-sysusers, or adduser without systemd; SQLite through Qt;
# usage-event bodies read by simdjson (also found by SHLIBDEPS, named here for the reader).
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, libsimdjson14, libcjose0, systemd | adduser")
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "Product usage opt-out service\n"
    "Organisations, users, roles and tokens, the opt-out list with revisions and an audit log,\n"
    "and usage-event ingestion that discards the events of opted-out users; HTTP or HTTPS.\n"
    "Runs as the optout-server systemd service, configured in /etc/default/optout-server.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/deb/postinst ${CMAKE_CURRENT_LIST_DIR}/deb/prerm
    ${CMAKE_CURRENT_LIST_DIR}/deb/postrm ${CMAKE_CURRENT_LIST_DIR}/deb/conffiles)
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_ADMIN_PACKAGE_NAME optout-admin)
set(CPACK_DEBIAN_ADMIN_PACKAGE_SECTION utils)
# Loaded at run time, so dpkg-shlibdeps cannot see them: the platform plugins (a window at all)
# and Qt's own translations (standard buttons in French and Dutch).
set(CPACK_DEBIAN_ADMIN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_ADMIN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_COMPONENT_ADMIN_DESCRIPTION
    "Product usage opt-out administration\n"
    "The desktop app with which product administrators decide which users are excluded from\n"
    "product usage tracking, synced with an optout-server service.")
include(CPack)
