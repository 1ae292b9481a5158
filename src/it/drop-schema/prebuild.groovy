import org.sqlwarehouse.testing.TestDatabase

def file = new File(basedir, 'target/wh.duckdb')
file.parentFile.mkdirs()
def db = TestDatabase.duckdb(file)
try {
    // prod's relations, and other schemas whose names start like the user's
    db.execute('create schema analytics')
    db.execute('create table analytics.revenue as select 100 as amount')
    db.execute('create schema dbt_itx')
    db.execute('create table dbt_itx.keep as select 1 as x')
    // named like a sibling of dbt_it, but no state records it: not the environment's
    db.execute('create schema dbt_it_admin')
    db.execute('create table dbt_it_admin.users as select 7 as id')
    // the default schema's own table, which drop-schema with an empty prefix must not touch
    db.execute('create table main.keep_me as select 3 as y')
} finally {
    db.close()
}
return true
