package org.sqlwarehouse.unittest;

/** A column of a unit test's input or output, with the SQL type its mock values are cast to. */
record TypedColumn(String name, String type) {
}
