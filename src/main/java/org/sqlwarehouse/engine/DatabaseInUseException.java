package org.sqlwarehouse.engine;

import org.sqlwarehouse.WarehouseException;

/**
 * A target's database file is held by another process (an embedded database's file lock), so no
 * connection could be opened: a typed result, so that the caller may wait for the file as it waits
 * for a schema's lock, without reading the message.
 */
public final class DatabaseInUseException extends WarehouseException {
    DatabaseInUseException(WarehouseException failure) {
        super(failure.getMessage(), failure.getHint(), failure.getCause());
    }
}
