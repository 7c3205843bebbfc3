-- The written delegation (giao quyền xử phạt, Luật XLVPHC Art. 54) under which a deputy signs
-- sanction decisions "KT." for the head, as the decision's last legal basis names it: "Quyết định
-- số 05/QĐ-GQXP ngày 02/01/2026 của Chánh Thanh tra tỉnh về việc giao quyền xử phạt vi phạm hành
-- chính". Empty for a signer who signs in his own name or needs none.
ALTER TABLE agency_signers ADD COLUMN sanction_delegation TEXT NOT NULL DEFAULT '';
