# Broken on purpose (Rule.MODULE_MISSING_INPUT): delay_seconds has no default and is not passed.
module "queue" {
  source = "./child"

  name = "orders"
}
