/** The store a POS request is made for: from its API key, or given by an in-process host. */
export interface PosIdentity {
    storeId: number;
    storeCode: string;
}
