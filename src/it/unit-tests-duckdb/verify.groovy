import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
// the test phase ran the unit tests, and nothing was built before they passed
assert log =~ /\[1\/3\] PASS\s+unit\s+customer_totals\.sums_paid_orders_only/
assert log.contains('Unit tests: 3 passed, 0 failed of 3')
assert log.indexOf('Unit tests: 3 passed') < log.indexOf('OK     table  dbt_unit.customer_totals')

def report = new File(basedir, 'target/surefire-reports/TEST-unit_test.shop.customer_totals.xml')
assert report.isFile()
def suite = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report).documentElement
assert suite.getAttribute('tests') == '2' && suite.getAttribute('failures') == '0' && suite.getAttribute('errors') == '0'
def cases = suite.getElementsByTagName('testcase')
assert (0..<cases.length).collect { cases.item(it).getAttribute('name') }.sort() == ['sums_paid_orders_only', 'threshold_is_a_var']
assert new File(basedir, 'target/surefire-reports/TEST-unit_test.shop.stg_orders.xml').isFile()

// then verify built the project as usual
def db = TestDatabase.duckdb(new File(basedir, 'target/dev.duckdb'))
try {
    def totals = db.rows('select customer, total, has_large_order from dbt_unit.customer_totals order by customer')
    assert totals.collect { [it.customer, it.total as BigDecimal, it.has_large_order] } ==
            [['alice', 92.50, true], ['bob', 45.00, false]]
} finally {
    db.close()
}
return true
