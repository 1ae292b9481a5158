package org.sqlwarehouse.dialect;

/** What a relation in the catalog is. */
public enum RelationKind {
    VIEW("view"), TABLE("table");

    private final String keyword;

    RelationKind(String keyword) {
        this.keyword = keyword;
    }

    /** The SQL keyword: view or table. */
    public String keyword() {
        return keyword;
    }
}
