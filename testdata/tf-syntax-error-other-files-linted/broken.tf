resource "aws_security_group" "broken" {
  name = "x"
  ingress {
    from_port = 
  }
