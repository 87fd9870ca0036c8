# Broken on purpose (Rule.FORMAT): valid HCL, but the equals signs are not aligned as terraform fmt aligns them.
variable "name" {
  type        = string
  description = "Name of the queue."
}

resource "aws_sqs_queue" "this" {
  name = var.name
  visibility_timeout_seconds = 30

  tags = { Name = var.name }
}
