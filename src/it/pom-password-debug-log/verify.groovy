def log = new File(basedir, 'build.log').text
// it ran at -X, and Maven's own configuration dump printed the template as written
assert log.contains('[DEBUG]')
assert log.contains("{{ env_var('WH_IT_TEMPLATE_PW') }}")
// the template route never reaches the log, though the plugin rendered it for the selected target
assert !log.contains('ItTemplateSecret-2')
// ${env.X} is interpolated by Maven before the plugin runs: it shows, and the goal warns about it
assert log.contains('ItInterpolatedSecret-1')
assert log.contains("[WARNING] Target 'prod' has its <password> written in the POM.")
assert log.contains('<serverId>')
assert !log.contains("Target 'staging' has its <password>")
assert new File(basedir, 'target/warehouse/compiled/pom_password_debug_log/models/one.sql').exists()
return true
