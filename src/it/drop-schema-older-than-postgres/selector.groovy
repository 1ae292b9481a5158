// PostgreSQL tests run where a server answers, and always where CI requires one.
return org.sqlwarehouse.testing.TestDatabase.postgresEnabled()
