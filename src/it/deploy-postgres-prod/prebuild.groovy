import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    db.execute('drop schema if exists it_deploy_prod cascade')
} finally {
    db.close()
}
// a seed large enough to go through COPY in more than one buffer, with quoting in it
new File(basedir, 'seeds').mkdirs()
new File(basedir, 'seeds/events.csv').withWriter('UTF-8') { w ->
    w << 'event_id,kind,note,amount\n'
    (1..5000).each { i -> w << "${i},${i % 3 == 0 ? 'click' : 'view'},\"note, with \"\"quotes\"\" ${i}\",${i}.25\n" }
}
return true
