/**
 * The read API behind IAM's Get and List actions, over the temporal read model the projection package maintains:
 * current state, or the state as of any past instant or global sequence ({@link
 * io.iamledger.query.readmodel.IamReadModel#asOf}), returned as views that mirror AWS's response shapes.
 */
package io.iamledger.query.readmodel;
