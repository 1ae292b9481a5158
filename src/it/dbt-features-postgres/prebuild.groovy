import org.sqlwarehouse.testing.TestDatabase
import org.sqlwarehouse.testing.ShopProjectCheck

def db = TestDatabase.postgres()
try {
    db.execute('drop schema if exists it_features cascade')
    db.execute('drop schema if exists shop_finance cascade')
    ShopProjectCheck.createRawOrders(db)
} finally {
    db.close()
}
return true
