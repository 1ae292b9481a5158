import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
assert log =~ /PASS\s+unit\s+priced\.discount_from_one_hundred/
assert log =~ /FAIL\s+unit\s+discounts\.boundary_price_is_discounted/
// the diff: the expected row missing (-), the row the model returned instead (+)
assert log =~ /(?m)- 1 +\| 50 +\| 45/
assert log =~ /(?m)\+ 1 +\| 50 +\| 50/
assert log.contains('Unit tests: 1 passed, 1 failed of 2')

def report = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/surefire-reports/TEST-unit_test.it_unit_failing.discounts.xml')).documentElement
assert report.getAttribute('failures') == '1'
assert report.getElementsByTagName('failure').item(0).getAttribute('message').startsWith('actual differs from expected')
// the failing test's query, to run by hand
assert new File(basedir, 'target/warehouse/compiled/it_unit_failing/unit_test/discounts/boundary_price_is_discounted.sql')
        .text.contains('dbt_internal_unit_test_expected')

// the build never ran: the target has no relation
def db = TestDatabase.postgres()
try {
    assert db.relations('it_unit_fail').isEmpty()
} finally {
    db.close()
}
return true
