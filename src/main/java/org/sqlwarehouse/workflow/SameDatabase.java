package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.util.Optional;
import org.sqlwarehouse.WarehouseException;

/**
 * Two environments one query can read across: a build in one reads the other's relations (defer)
 * or defines views over them (clone), which works only inside one database, as the same type on
 * the same PostgreSQL server and database, or in the same DuckDB file.
 */
final class SameDatabase {
    private SameDatabase() {
    }

    /**
     * Refuses, saying why and what to do, unless both targets are in one database.
     *
     * @param property the property that named the other target, e.g. warehouse.defer
     */
    static void require(Warehouse.Selection current, Warehouse.Selection other, String property,
            Path projectDirectory) throws WarehouseException {
        String currentName = current.target().name();
        String otherName = other.target().name();
        String currentType = current.target().type();
        String otherType = other.target().type();
        Optional<String> here = current.dialect().databaseLocation(current.target().definition(), projectDirectory);
        Optional<String> there = other.dialect().databaseLocation(other.target().definition(), projectDirectory);
        boolean same = currentType.equalsIgnoreCase(otherType) && here.isPresent() && here.equals(there);
        if (same) {
            return;
        }
        throw new WarehouseException(property + "=" + otherName + " needs target '" + otherName + "' in the same "
                + "database as target '" + currentName + "', but '" + currentName + "' is " + describe(currentType, here)
                + " and '" + otherName + "' is " + describe(otherType, there) + ": a query runs in one database and "
                + "cannot read relations of another.", "Name a target in the database of '" + currentName + "' (same "
                        + "PostgreSQL server and database, or the same DuckDB file), or select a target in the "
                        + "database of '" + otherName + "' with -Dwarehouse.target.");
    }

    private static String describe(String type, Optional<String> location) {
        return type + " " + location.orElse("in memory (private to its connection)");
    }
}
