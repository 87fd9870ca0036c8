# Broken on purpose (Rule.MODULE_UNKNOWN_OUTPUT): the child has no output "arn", and no module "topic" is called here.
module "queue" {
  source = "./child"

  name = "orders"
}

output "queue_url" {
  description = "URL of the queue."
  value       = module.queue.url
}

output "queue_arn" {
  description = "ARN of the queue."
  value       = module.queue.arn
}

output "topic_arn" {
  description = "ARN of the topic."
  value       = module.topic.arn
}

# A moved block names the child's resources, not its outputs: no violation.
moved {
  from = aws_sqs_queue.orders
  to   = module.queue.aws_sqs_queue.this
}
