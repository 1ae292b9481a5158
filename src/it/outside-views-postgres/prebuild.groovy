import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    db.execute('drop schema if exists it_outside_bi cascade')
    db.execute('drop schema if exists it_outside cascade')
    // what another tool built before this project took the schema over
    db.execute('create schema it_outside')
    db.execute("create table it_outside.orders as select 1 as id, 5 as amount, 'other tool'::text as built_by")
    // a BI team's view over it, with a grant and a comment of its own
    db.execute('create schema it_outside_bi')
    db.execute('create view it_outside_bi.revenue as select sum(amount) as revenue, max(built_by) as built_by from it_outside.orders')
    db.execute('grant select on it_outside_bi.revenue to public')
    db.execute("comment on view it_outside_bi.revenue is 'finance dashboard'")
    new File(basedir, 'revenue-oid.txt').text = String.valueOf(db.value("select 'it_outside_bi.revenue'::regclass::oid"))
} finally {
    db.close()
}
return true
