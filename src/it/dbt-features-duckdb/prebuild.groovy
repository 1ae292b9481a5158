import org.sqlwarehouse.testing.TestDatabase

// the source table the project reads through source('shop_raw', 'orders')
def file = new File(basedir, 'target/shop.duckdb')
file.parentFile.mkdirs()
def db = TestDatabase.duckdb(file)
try {
    org.sqlwarehouse.testing.ShopProjectCheck.createRawOrders(db)
} finally {
    db.close()
}
return true

