import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CASE_TABLE_SCHEMA, type KeyAttribute } from '../table-schema';

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

/**
 * The case table (cases with their event logs, agencies, counters, year data), built from the one
 * shared schema. Encrypted with a customer-managed key (it holds personal data), point-in-time
 * recovery on, retained when the stack is deleted.
 */
export class CaseStore extends Construct {
  readonly table: dynamodb.Table;
  readonly key: kms.Key;
  /**
   * The key of the keyed hashes (HMAC) through which staff search applicants' names, phones and ID numbers
   * (design.md §9 The desk): generated once, encrypted with the case key, retained (without it no stored hash
   * can be matched again), never rotated for the same reason.
   */
  readonly searchKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'gongkai case data (personal data of applicants)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.searchKey = new secretsmanager.Secret(this, 'SearchHashKey', {
      description: 'gongkai: key of the keyed hashes of applicants’ names, phones and ID numbers (search)',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: attribute(CASE_TABLE_SCHEMA.partitionKey),
      sortKey: attribute(CASE_TABLE_SCHEMA.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of CASE_TABLE_SCHEMA.indexes) {
      const projection =
        index.projection === 'ALL'
          ? { projectionType: dynamodb.ProjectionType.ALL }
          : index.projection.length === 0
            ? { projectionType: dynamodb.ProjectionType.KEYS_ONLY }
            : { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] };
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        ...projection,
      });
    }
  }
}
