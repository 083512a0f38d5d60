package cloudformation

import "sync"

// The generated schema (schema_table.go) is CloudFormation's resource
// specification as goformation v7.14.9 last saw it, in April 2024.
// CloudFormation has grown since. What follows is what it has added to the
// types daslint reads, found by comparing the table with the resource
// schemas that cfn-lint 1.51.0 ships (us-east-1), each checked against the
// CloudFormation User Guide page of the type
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-<service>-<type>.html).
// Without it, valid templates would get "unknown property" warnings.

// laterProperties are properties CloudFormation accepts that the generated
// table lacks, by resource or property type.
var laterProperties = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		// Elastic IP addresses from an IPAM pool, or a given address (2024).
		"AWS::EC2::EIP":                       {"Address", "IpamPoolId"},
		"AWS::EC2::EgressOnlyInternetGateway": {"Tags"},
		// Regional NAT gateways (2025): the gateway names its VPC instead of a
		// subnet. daslint reads AvailabilityMode and VpcId (docs/semantics.md#the-three-paths).
		"AWS::EC2::NatGateway": {"AvailabilityMode", "AvailabilityZoneAddresses", "VpcId"},
		// Dual-stack DNS options, tags, VPC Lattice resource and service network
		// endpoints, cross-region endpoints (2024-2025).
		"AWS::EC2::VPCEndpoint": {"DnsOptions", "IpAddressType", "ResourceConfigurationArn", "ServiceNetworkArn", "ServiceRegion", "Tags"},
		// Aurora Limitless, Database Insights, local write forwarding, RDS
		// Extended Support, IAM master user authentication (2023-2025).
		"AWS::RDS::DBCluster": {"ClusterScalabilityType", "DatabaseInsightsMode", "DeleteAutomatedBackups",
			"EnableLocalWriteForwarding", "EngineLifecycleSupport", "MasterUserAuthenticationType", "SourceDbClusterResourceId"},
		// Aurora Serverless v2 auto-pause (2024).
		"AWS::RDS::DBCluster.ServerlessV2ScalingConfiguration": {"SecondsUntilAutoPause"},
		"AWS::RDS::DBInstance": {"AdditionalStorageVolumes", "ApplyImmediately", "AutomaticBackupReplicationRetentionPeriod",
			"BackupTarget", "DBSystemId", "DatabaseInsightsMode", "EngineLifecycleSupport", "MasterUserAuthenticationType",
			"TdeCredentialArn", "TdeCredentialPassword"},
	}
})

// laterResourceTypes are resource types added since the generated table
// whose names are within typoBudget of an older type, so that they would be
// taken for a misspelling of it (found the same way: every type of cfn-lint
// 1.51.0 missing from the table was run through suggestType). Newer types
// with no close older name need no entry: daslint only warns about an
// unknown type when it has a suggestion.
var laterResourceTypes = []string{
	"AWS::ApiGateway::BasePathMappingV2",
	"AWS::ApiGateway::DomainNameV2",
	"AWS::ConnectCampaignsV2::Campaign",
	"AWS::EC2::TransitGatewayConnectPeer",
	"AWS::GroundStation::DataflowEndpointGroupV2",
	"AWS::PCAConnectorSCEP::Connector",
	"AWS::SecurityHub::AutomationRuleV2",
	"AWS::VpcLattice::ServiceNetworkResourceAssociation",
}
