package config

// Default is the commented configuration that `daslint init` writes. Every
// setting is shown with its default and commented out, so the file changes
// nothing until a line is uncommented; Parse accepts it as is.
const Default = `# daslint configuration, found from each linted path upward (up to the
# repository root), or named with --config. Command-line flags override it.
# Every setting below is commented out and shows its default.

# Rules: turn one off, or change its severity (error, warning, off).
# rules:
#   DAS001:
#     enabled: true
#     severity: error
#   DAS002:
#     enabled: true
#     severity: warning

# What a path that cannot be verified offline (DAS002) is: warn, error or
# ignore. Same as --unknown.
# unknown: warn

# Terraform variables files (relative to this file), applied after the ones
# Terraform loads itself and before --var-file; and variables, before --var.
# var_files:
#   - env/prod.tfvars
# vars:
#   region: eu-west-1

# CloudFormation parameters: a mapping, or a list of parameter files
# (relative to this file) and Key=Value, as --parameters takes them.
# parameters:
#   Environment: prod

# The region when the code sets none (AWS::Region, data "aws_region").
# region: eu-west-1

# The directory below which daslint reads files (module sources, file(),
# nested templates), relative to this file. Default: the top of the git
# repository, else each scanned path. Same as --root.
# root: .

# Paths read to settle references of the linted code (another root's
# outputs, another stack's exports, AWS facts), never reported; relative to
# this file. Same as --context.
# context:
#   - ../network

# Paths not to lint, relative to this file: a pattern without / matches any
# file or directory name, ** matches any number of directories.
# exclude:
#   - "**/examples"
#   - legacy/

# Treat every Aurora cluster as having a database activity stream.
# all_clusters: false
`
