output "arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "dns_name" {
  description = "DNS name of the load balancer; point your host names at it."
  value       = aws_lb.this.dns_name
}

output "zone_id" {
  description = "Route 53 zone ID of the load balancer, for alias records."
  value       = aws_lb.this.zone_id
}

output "https_listener_arn" {
  description = "ARN of the HTTPS listener, where other modules add their rules."
  value       = aws_lb_listener.https.arn
}

output "kong_target_group_arn" {
  description = "ARN of the target group of Kong's proxy port, once a listener uses it (ECS requires that)."
  value       = aws_lb_target_group.kong.arn

  depends_on = [aws_lb_listener.https]
}
