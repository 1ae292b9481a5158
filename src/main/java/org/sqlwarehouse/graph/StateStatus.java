package org.sqlwarehouse.graph;

/**
 * How a node compares with the environment that {@code warehouse.state} names, for the {@code
 * state:} selection method: absent there, there with what the project says of it changed, or there
 * unchanged ({@code state:old} is either of the last two).
 */
public enum StateStatus {
    NEW, MODIFIED, UNMODIFIED
}
