import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    ['it_dsot_prod', 'it_dsot_prod_marketing', 'dbt_itdsot_sandbox', 'dbt_itdsot_sandbox_marketing', 'dbt_itdsot_old',
     'dbt_itdsot_old_marketing', 'dbt_itdsot_new', 'dbt_itdsot_new_marketing', 'dbt_itdsot_other',
     'dbt_itdsot_nostate', 'dbt_itdsot_ci', 'dbt_itdsot_ci_marketing'].each {
        db.execute("drop schema if exists ${it} cascade")
    }
    // another project's environment, last built in 2020: its state names that project
    db.execute('create schema dbt_itdsot_other')
    db.execute('create table dbt_itdsot_other.orders as select 1 as id')
    db.execute('create table dbt_itdsot_other._warehouse_relations (target_schema varchar(128),'
            + ' relation_schema varchar(128), relation_name varchar(128), project varchar(128),'
            + ' deployed_at timestamp, deployed_by varchar(256), git_commit varchar(64))')
    db.execute("insert into dbt_itdsot_other._warehouse_relations values ('dbt_itdsot_other',"
            + " 'dbt_itdsot_other', 'orders', 'someone_else', timestamp '2020-01-02 03:04:05', 'eve', null)")
    // a schema without state, named like an environment
    db.execute('create schema dbt_itdsot_nostate')
    db.execute('create table dbt_itdsot_nostate.notes as select 2 as id')
} finally {
    db.close()
}
return true
