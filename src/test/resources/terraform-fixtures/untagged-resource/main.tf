# Broken on purpose (Rule.UNTAGGED_RESOURCE): a load balancer without tags, a queue with empty tags, and a
# resource type that the classification does not know. Routes take no tags and need none.
variable "tags" {
  type        = map(string)
  description = "Tags of every taggable resource."
  default     = {}
}

resource "aws_lb" "this" {
  name    = "untagged"
  subnets = ["subnet-00000000000000001", "subnet-00000000000000002"]
}

resource "aws_sqs_queue" "this" {
  name = "orders"

  tags = {}
}

resource "aws_made_up_service_thing" "this" {
  name = "unknown"
}

resource "aws_route" "internet" {
  route_table_id         = "rtb-00000000000000001"
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = "igw-00000000000000001"
}

resource "aws_sns_topic" "tagged" {
  name = "tagged"

  tags = merge(var.tags, { Name = "tagged" })
}
