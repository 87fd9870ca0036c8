output "url" {
  description = "URL of the queue."
  value       = aws_sqs_queue.this.url
}
