package io.kongsync.report;

import io.kongsync.masking.MaskingPolicy;

/** Stands in for a value that must not be shown; every renderer prints it as {@link MaskingPolicy#MASK}. */
enum Masked {
    VALUE;

    @Override
    public String toString() {
        return MaskingPolicy.MASK;
    }
}
