/** Vietnamese texts of the phone layout (the map's touch hints); English twins in phone.en.ts. */
export const phoneVi = {
  phone: {
    mapTwoFingers: 'Dùng hai ngón tay để di chuyển, phóng to bản đồ; chạm để mở',
    mapCtrlScroll: 'Giữ Ctrl và cuộn chuột để phóng to bản đồ',
    mapCmdScroll: 'Giữ ⌘ và cuộn chuột để phóng to bản đồ',
  },
};
