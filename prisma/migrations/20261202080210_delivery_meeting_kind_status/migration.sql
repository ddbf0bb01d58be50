-- CreateIndex
CREATE INDEX "Delivery_meetingId_kind_status_idx" ON "Delivery"("meetingId", "kind", "status");

