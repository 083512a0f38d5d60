// The CDK app of the testdata/cfn-cdk-app-* golden cases: a VPC of public,
// private (NAT) and isolated subnets in two zones, an Aurora PostgreSQL
// cluster of a writer and a reader, and an AwsCustomResource that calls
// RDS startActivityStream on it. The environment picks the variant that
// scripts/gen-cdk-fixtures.sh synthesizes:
//
//   NATS      NAT gateways (default 1: both zones route to one)
//   ISOLATED  set: the cluster in the isolated subnets, else the private ones
//   KMSEP     set: a KMS interface endpoint in the isolated subnets;
//             "nodns" turns its private DNS off
//
// Run with `node app.js` beside node_modules (npm install): it writes the
// cloud assembly to cdk.out.
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const rds = require('aws-cdk-lib/aws-rds');
const kms = require('aws-cdk-lib/aws-kms');
const cr = require('aws-cdk-lib/custom-resources');

const app = new cdk.App({ outdir: process.env.OUTDIR || 'cdk.out' });
const stack = new cdk.Stack(app, 'DasStack', { env: { account: '123456789012', region: 'eu-west-1' } });

const vpc = new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 2,
  natGateways: Number(process.env.NATS ?? 1),
  subnetConfiguration: [
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
    { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  ],
});

const cluster = new rds.DatabaseCluster(stack, 'Db', {
  engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
  writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
  readers: [rds.ClusterInstance.provisioned('reader', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) })],
  vpc,
  vpcSubnets: { subnetType: process.env.ISOLATED ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS },
});

if (process.env.KMSEP) {
  vpc.addInterfaceEndpoint('Kms', {
    service: ec2.InterfaceVpcEndpointAwsService.KMS,
    subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    privateDnsEnabled: process.env.KMSEP !== 'nodns',
  });
}
const key = new kms.Key(stack, 'DasKey');

new cr.AwsCustomResource(stack, 'StartDas', {
  onCreate: {
    service: 'RDS',
    action: 'startActivityStream',
    parameters: { ResourceArn: cluster.clusterArn, Mode: 'async', KmsKeyId: key.keyArn, ApplyImmediately: true },
    physicalResourceId: cr.PhysicalResourceId.of('das'),
  },
  policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
});

app.synth();
