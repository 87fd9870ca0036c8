package io.kongsync.cli;

import io.kongsync.schema.RouterFlavor;
import picocli.CommandLine;

/** {@code --router-flavor} as Kong spells the setting: traditional, traditional_compatible or expressions. */
final class RouterFlavorOption implements CommandLine.ITypeConverter<RouterFlavor> {

    static final String DESCRIPTION = "The router_flavor of the Kong the routes are for: traditional, "
            + "traditional_compatible or expressions (only expressions has a route's expression and priority).";

    @Override
    public RouterFlavor convert(String value) {
        try {
            return RouterFlavor.fromKong(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
