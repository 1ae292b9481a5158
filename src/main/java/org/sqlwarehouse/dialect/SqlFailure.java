package org.sqlwarehouse.dialect;

/**
 * What a database failure means to the engine, as the dialect reads it from the SQLState (or, where
 * the database gives none, from its own typed error category): the engine branches on this, never
 * on the wording of a message.
 */
public enum SqlFailure {
    /** A relation by that name exists already (a concurrent build took the name first). */
    RELATION_EXISTS,
    /** CREATE OR REPLACE VIEW cannot change the view's columns in place; the view must be swapped. */
    VIEW_COLUMNS_CHANGED,
    /** The database file is held by another process (an embedded database's file lock). */
    DATABASE_IN_USE,
    /** The server refused the user or password. */
    AUTHENTICATION,
    /** Anything else: reported as the database said it. */
    OTHER
}
