# Broken on purpose (Rule.MODULE_UNDECLARED_INPUT): the child module declares no "size".
module "queue" {
  source = "./child"

  name = "orders"
  size = 3
}
