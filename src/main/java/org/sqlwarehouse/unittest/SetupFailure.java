package org.sqlwarehouse.unittest;

/** Why a unit test could not be set up: its error message, for the user. */
final class SetupFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SetupFailure(String message) {
        super(message, null, false, false);
    }
}
