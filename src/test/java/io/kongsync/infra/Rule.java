package io.kongsync.infra;

import java.util.Locale;

/** The checks on infra-terraform/; each has a broken fixture in src/test/resources/terraform-fixtures/<fixture()>. */
enum Rule {
    /** HashiCorp's parser (hclsyntax) accepts every file. */
    SYNTAX,
    /** Every file is canonically formatted: hclwrite.Format (what hclfmt and terraform fmt apply) changes nothing. */
    FORMAT,
    /** Every variable declares its type. */
    VARIABLE_TYPE,
    /** Every variable has a non-blank description. */
    VARIABLE_DESCRIPTION,
    /** Every modules/<name>/ has main.tf, variables.tf, outputs.tf, versions.tf (Terraform and AWS lower bounds), README.md. */
    MODULE_LAYOUT,
    /** A module call passes only variables the module declares. */
    MODULE_UNDECLARED_INPUT,
    /** A module call passes every variable of the module that has no default. */
    MODULE_MISSING_INPUT,
    /** {@code module.<name>.<output>} names a module call of the same directory and an output that module declares. */
    MODULE_UNKNOWN_OUTPUT,
    /** Every resource of a type that takes tags has a {@code tags} argument (and every AWS type is classified). */
    UNTAGGED_RESOURCE,
    /** No security group rule opens Kong's admin ports (8001, 8444) or Postgres (5432) to 0.0.0.0/0 or ::/0. */
    OPEN_ADMIN_OR_DATABASE_PORT,
    /** No secret value is written in a .tf, .tfvars or example file. */
    SECRET_LITERAL;

    String fixture() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
