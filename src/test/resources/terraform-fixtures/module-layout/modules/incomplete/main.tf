# Broken on purpose (Rule.MODULE_LAYOUT): this module has no outputs.tf and no README.md, and its versions.tf
# bounds neither Terraform nor the AWS provider.
resource "aws_cloudwatch_log_group" "this" {
  name = var.name

  tags = var.tags
}
