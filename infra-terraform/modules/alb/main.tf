# TLS ends here: HTTPS with the ACM certificate, HTTP answered with a redirect to HTTPS, and plain HTTP to Kong.
resource "aws_lb" "this" {
  name               = var.name
  load_balancer_type = "application"
  internal           = false
  security_groups    = [var.security_group_id]
  subnets            = var.public_subnet_ids

  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
  idle_timeout               = var.idle_timeout

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_lb_target_group" "kong" {
  name                 = "${var.name}-kong"
  port                 = var.kong_proxy_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  # Kong's status API. In DB-less mode /status/ready answers 200 only once the node holds a non-empty
  # configuration, so a Kong task that kongsync has not configured yet gets no traffic.
  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = tostring(var.kong_status_port)
    path                = var.kong_health_check_path
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = merge(var.tags, { Name = "${var.name}-kong" })
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-http" })
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.kong.arn
  }

  tags = merge(var.tags, { Name = "${var.name}-https" })
}
