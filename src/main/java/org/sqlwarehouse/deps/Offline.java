package org.sqlwarehouse.deps;

import org.sqlwarehouse.WarehouseException;

/** Whether Maven runs offline (-o): then nothing may reach the network, and the message says what wanted to. */
record Offline(boolean enabled) {
    void check(String forWhat, String location) throws WarehouseException {
        if (enabled) {
            throw new WarehouseException("Maven runs offline (-o), and " + forWhat + " needs the network (" + location
                    + ").", "Run mvn warehouse:deps once without -o; afterwards builds need no network, and deps "
                            + "offline works as long as package-lock.yml and what is installed agree.");
        }
    }
}
