package io.kongsync.report;

import io.kongsync.plan.Sensitivity;

/** Stands in for a value that must not be shown; every renderer prints it as {@code (sensitive)}. */
enum Masked {
    VALUE;

    @Override
    public String toString() {
        return Sensitivity.MASK;
    }
}
