# Broken on purpose (Rule.SYNTAX): the tags object is never closed.
variable "name" {
  type        = string
  description = "Name of the queue."
}

resource "aws_sqs_queue" "this" {
  name = var.name
  tags = { Name = var.name
}
